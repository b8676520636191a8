import sys
import sysconfig

free_threaded_build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))  # (1)!
gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)()  # (2)!

print(f"Free-threaded build: {free_threaded_build}")
print(f"GIL enabled right now: {gil_enabled}")
