import threading
import time
from concurrent.futures import ThreadPoolExecutor

start = time.perf_counter()


def long_task():
    time.sleep(0.5)
    print(f"Task: done at {time.perf_counter() - start:.1f} s")


pool = ThreadPoolExecutor(max_workers=1)
pool.submit(long_task)  # (1)!
others = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
print(f"Main: last line at {time.perf_counter() - start:.1f} s")
print(f"Main: threads still running: {others}")  # (2)!
