import time
from concurrent.futures import ThreadPoolExecutor

started = []


def job(n):
    started.append(n)
    time.sleep(0.1)
    if n == 1:
        raise ValueError("job 1 failed")


pool = ThreadPoolExecutor(max_workers=2)
futures = [pool.submit(job, n) for n in range(8)]
try:
    for future in futures:
        future.result()
except ValueError as error:
    print(f"stopping: {error}")
pool.shutdown()
print("stopped")
