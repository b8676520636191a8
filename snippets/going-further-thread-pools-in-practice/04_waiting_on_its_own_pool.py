import concurrent.futures
from concurrent.futures import ThreadPoolExecutor

pool = ThreadPoolExecutor(max_workers=1)


def part(n):
    return n * n


def whole():
    inner = pool.submit(part, 7)  # (1)!
    try:
        return inner.result(timeout=0.5)  # (2)!
    except concurrent.futures.TimeoutError:
        return "gave up: the only worker is waiting for itself"


print(f"whole() returned: {pool.submit(whole).result()}")
pool.shutdown()
