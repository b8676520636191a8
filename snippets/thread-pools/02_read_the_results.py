import time
from concurrent.futures import ThreadPoolExecutor


def task(n):
    started = time.perf_counter() - start
    time.sleep(2)
    return n, started  # (1)!


start = time.perf_counter()
with ThreadPoolExecutor(max_workers=5) as executor:
    for n, started in executor.map(task, range(10)):  # (2)!
        print(f"Task {n} started at {started:.0f} s")

print(f"All tasks completed in {time.perf_counter() - start:.0f} s.")
