import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch(name, seconds):
    time.sleep(seconds)  # stands in for a slow download
    return f"{name} ({seconds} s)"


jobs = {"report": 0.6, "logo": 0.2, "styles": 0.4}

with ThreadPoolExecutor() as executor:  # (1)!
    futures = [executor.submit(fetch, name, s) for name, s in jobs.items()]  # (2)!
    for future in as_completed(futures):  # (3)!
        print(f"Done: {future.result()}")
