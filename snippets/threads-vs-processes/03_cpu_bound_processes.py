import time
from concurrent.futures import ProcessPoolExecutor


def cpu_bound_task(n):
    result = 0
    for i in range(n):
        result += i


N = 1_000_000

if __name__ == "__main__":  # (1)!
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=5) as executor:  # (2)!
        list(executor.map(cpu_bound_task, [N] * 5))  # (3)!
    print(f"5 tasks in 5 processes: {time.perf_counter() - start:.2f} s")
