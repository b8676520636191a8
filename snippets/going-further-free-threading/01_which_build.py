import sys
import sysconfig

free_threaded_build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))  # (1)!

is_gil_enabled = getattr(sys, "_is_gil_enabled", None)  # (2)!
gil_enabled = is_gil_enabled() if is_gil_enabled else True

print(f"Python {sys.version_info.major}.{sys.version_info.minor}")
print(f"Free-threaded build: {free_threaded_build}")
print(f"GIL enabled: {gil_enabled}")  # (3)!
