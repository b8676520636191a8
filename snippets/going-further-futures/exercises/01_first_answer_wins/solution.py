import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

MIRRORS = {"eu": 0.3, "us": 0.1, "asia": 0.5}  # seconds each takes to answer


def ask(mirror):
    time.sleep(MIRRORS[mirror])
    print(f"{mirror}: done")
    return mirror


with ThreadPoolExecutor() as pool:
    futures = [pool.submit(ask, mirror) for mirror in MIRRORS]
    done, _ = wait(futures, return_when=FIRST_COMPLETED)
    print(f"answer: {done.pop().result()}")
