import time
from concurrent.futures import ThreadPoolExecutor


def download(name):
    time.sleep(0.5)  # (1)!
    return f"{name}: done"


files = ["a.csv", "b.csv", "c.csv", "d.csv", "e.csv"]

start = time.perf_counter()
with ThreadPoolExecutor(max_workers=5) as executor:
    for message in executor.map(download, files):
        print(message)
print(f"5 downloads in {time.perf_counter() - start:.1f} s")
