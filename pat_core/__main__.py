import sys

if __name__ == "__main__":  # a process started by multiprocessing may import this module too
    from .cli import main

    sys.exit(main())
