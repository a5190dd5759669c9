"""What the operating system says, in the product's words: one wording per situation.

The reader (:mod:`pat_core.lectura`), the roll-up (:mod:`pat_core.comites`) and the
writer (:mod:`pat_core.exportar`) describe a refused open, a file that is not a
regular file and a name that is not valid UTF-8 through these functions, never
with the system's own text (``strerror`` is English).

A byte of a name that is not valid UTF-8 is shown as «�» everywhere: on screen,
in messages, in the CSV and .xlsx exports and in the command line's output
(:func:`nombre_visible` and the :data:`VISIBLE` error handler).
"""

from __future__ import annotations

import codecs
import errno
import os
import stat

_MOTIVOS = {
    errno.EACCES: "no se tiene permiso",
    errno.EPERM: "no se tiene permiso",
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EDQUOT: "se agotó su cuota de disco",
    errno.EROFS: "el disco es de solo lectura",
    errno.ENOENT: "no existe (o no existe la carpeta que lo contiene)",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.EISDIR: "es una carpeta",
    errno.ELOOP: ("la ruta pasa por un enlace simbólico que forma un ciclo (apunta, directa o "
                  "indirectamente, a sí mismo)"),
    errno.ENAMETOOLONG: "el nombre es demasiado largo",
    errno.EIO: "el disco no respondió (error de entrada/salida)",
    errno.ENXIO: "no es un archivo común (quizá un socket o un dispositivo sin conectar)",
    errno.EBUSY: "otro programa lo está usando",
    errno.ETIMEDOUT: "la unidad no respondió a tiempo (quizá una unidad de red desconectada)",
    errno.ESTALE: "la unidad de red ya no lo tiene (vuelva a conectarla)",
    errno.EMFILE: "hay demasiados archivos abiertos",
    errno.ENFILE: "hay demasiados archivos abiertos",
    errno.ENOMEM: "no hay memoria suficiente",
    errno.EFBIG: "es demasiado grande para el sistema de archivos",
}


def motivo(error: OSError) -> str:
    """Why the system refused an open, a read or a write, in Spanish and lower case;
    an errno without its own wording is named by its code (never the English text)."""
    codigo = errno.errorcode.get(error.errno, error.errno) if error.errno else type(error).__name__
    return _MOTIVOS.get(error.errno, f"error del sistema {codigo}")


def clase_de_archivo(modo: int) -> str:
    """What a name that is not a regular file is, from its ``st_mode``: «una carpeta»,
    «una tubería con nombre (FIFO)», «un dispositivo», «un socket»."""
    if stat.S_ISDIR(modo):
        return "una carpeta"
    if stat.S_ISFIFO(modo):
        return "una tubería con nombre (FIFO)"
    if stat.S_ISCHR(modo) or stat.S_ISBLK(modo):
        return "un dispositivo"
    if stat.S_ISSOCK(modo):
        return "un socket"
    return "un archivo especial"


def nombre_visible(nombre) -> str:
    """A file or folder name (or path) as it can be shown and written anywhere.

    A name that is not valid UTF-8 comes from the disk with its bad bytes escaped
    (surrogates), which any encoding to UTF-8 refuses: each such byte is shown as «�».
    """
    texto = os.fsdecode(nombre)
    try:
        texto.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(texto).decode("utf-8", "replace")
    return texto


VISIBLE = "pat_core.visible"
"""The error handler to encode text with: the escaped byte of a name that is not valid
UTF-8 (a lone surrogate) becomes «�», as :func:`nombre_visible` shows it; anything
else the encoding cannot hold (a ñ on an ASCII terminal) is written as an escape
(``\\xf1``), never a failure."""


def _visible(error: UnicodeError):
    if isinstance(error, UnicodeEncodeError):
        trozo = error.object[error.start:error.end]
        if all("\ud800" <= c <= "\udfff" for c in trozo):
            try:  # as bytes: the UTF-8 encoder takes no other text from a handler
                return ("\ufffd" * len(trozo)).encode(error.encoding), error.end
            except (UnicodeEncodeError, LookupError):
                pass
    return codecs.backslashreplace_errors(error)


codecs.register_error(VISIBLE, _visible)
