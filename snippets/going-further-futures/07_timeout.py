import concurrent.futures
import time
from concurrent.futures import ThreadPoolExecutor


def slow():
    time.sleep(0.5)
    return "finally done"


with ThreadPoolExecutor() as pool:
    future = pool.submit(slow)
    try:
        future.result(timeout=0.1)  # (1)!
    except concurrent.futures.TimeoutError:  # (2)!
        print("No result after 0.1 s; the task keeps running")
    print(f"Result after waiting longer: {future.result()}")  # (3)!
