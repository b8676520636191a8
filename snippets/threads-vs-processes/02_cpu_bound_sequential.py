import time


def cpu_bound_task(n):
    result = 0
    for i in range(n):
        result += i


N = 1_000_000

start = time.perf_counter()
for _ in range(5):
    cpu_bound_task(N)
print(f"5 tasks, one after the other: {time.perf_counter() - start:.2f} s")
