import sys
import sysconfig

free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
gil_enabled = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
print(f"Free-threaded build: {free_threaded}")
print(f"GIL enabled right now: {gil_enabled}")
print(f"Threads can run Python code in parallel: {not gil_enabled}")

# What does this program print on the Python that runs the check? Replace
# the text below with your answer.
PREDICTION = """\
Free-threaded build: True
GIL enabled right now: False
Threads can run Python code in parallel: True
"""
