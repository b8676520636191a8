import threading
import time


def cpu_bound_task(n):
    result = 0
    for i in range(n):
        result += i


N = 1_000_000  # (1)!

start = time.perf_counter()
threads = []
for _ in range(5):
    t = threading.Thread(target=cpu_bound_task, args=(N,))
    t.start()
    threads.append(t)

for t in threads:
    t.join()
print(f"5 tasks in 5 threads: {time.perf_counter() - start:.2f} s")  # (2)!
