import time
from concurrent.futures import ThreadPoolExecutor


def fetch(page):
    time.sleep(0.1)  # waiting for the network, say
    return f"<page {page}>"


with ThreadPoolExecutor(max_workers=3) as pool:
    future = pool.submit(fetch, 1)  # (1)!
    print(f"Submitted: done={future.done()}")
    print(f"Result: {future.result()}")  # (2)!
    print(f"Now: done={future.done()}")
