import sys
import threading
import time

N = 1_000_000
THREADS = 2


def count(n):
    total = 0
    for i in range(n):  # pure Python: holds the GIL (if there is one)
        total += i
    return total


start = time.perf_counter()
for _ in range(THREADS):
    count(N)
sequential = time.perf_counter() - start

start = time.perf_counter()
threads = [threading.Thread(target=count, args=(N,)) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
threaded = time.perf_counter() - start

gil = getattr(sys, "_is_gil_enabled", lambda: True)()
print(f"GIL enabled: {gil}")
print(f"{THREADS} tasks one after the other: {sequential:.2f} s")
print(f"{THREADS} tasks in {THREADS} threads:       {threaded:.2f} s")
print(f"Speed-up from threads: {sequential / threaded:.1f}x")  # (1)!
