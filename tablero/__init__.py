"""Streamlit-side helpers of the dashboard: shared controls and screen pieces."""
