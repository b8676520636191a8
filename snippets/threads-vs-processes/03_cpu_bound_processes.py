import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor


def cpu_bound_task(n):  # (1)!
    result = 0
    for i in range(n):
        result += i


N = 10_000_000  # (2)!

if __name__ == "__main__":  # (3)!
    start = time.perf_counter()
    for _ in range(5):
        cpu_bound_task(N)
    print(f"5 tasks, one after the other: {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=5) as executor:  # (4)!
        list(executor.map(cpu_bound_task, [N] * 5))  # (5)!
    method = multiprocessing.get_start_method()  # (6)!
    print(f"5 tasks in 5 processes ({method}): {time.perf_counter() - start:.2f} s")
