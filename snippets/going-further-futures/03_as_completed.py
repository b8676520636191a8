import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def download(name, seconds):
    time.sleep(seconds)
    return name


jobs = {"big.iso": 0.6, "small.txt": 0.2, "medium.zip": 0.4}
with ThreadPoolExecutor() as pool:
    futures = {pool.submit(download, name, s): name for name, s in jobs.items()}
    for future in as_completed(futures):  # (1)!
        print(f"Finished: {future.result()}")
