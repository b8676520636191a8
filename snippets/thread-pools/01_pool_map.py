import threading
import time
from concurrent.futures import ThreadPoolExecutor

print_lock = threading.Lock()


def task(n):
    with print_lock:  # (1)!
        print(f"Executing task {n}")
    time.sleep(2)
    return n


with ThreadPoolExecutor(max_workers=5) as executor:  # (2)!
    results = executor.map(task, range(10))  # (3)!

print("All tasks completed.")  # (4)!
