import sys
import sysconfig

free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
gil_enabled = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
print(f"Free-threaded build: {free_threaded}")
print(f"GIL enabled right now: {gil_enabled}")
print(f"Threads can run Python code in parallel: {not gil_enabled}")

# What it prints on the usual build (the page's Python, and CPython 3.10+
# unless you run python3.13t or python3.14t):
PREDICTION = """\
Free-threaded build: False
GIL enabled right now: True
Threads can run Python code in parallel: False
"""
