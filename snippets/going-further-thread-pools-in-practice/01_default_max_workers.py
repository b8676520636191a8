import os

cpus = os.cpu_count()  # (1)!
usable = os.process_cpu_count() if hasattr(os, "process_cpu_count") else cpus  # (2)!
default = min(32, (usable or 1) + 4)  # (3)!
print(f"CPUs in this machine: {cpus}")
print(f"CPUs this process may use: {usable}")
print(f"ThreadPoolExecutor() would start up to {default} threads")
