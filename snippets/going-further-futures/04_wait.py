import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def work(seconds):
    time.sleep(seconds)
    return seconds


with ThreadPoolExecutor() as pool:
    futures = [pool.submit(work, s) for s in (0.2, 0.6, 1.2)]

    done, pending = wait(futures, return_when=FIRST_COMPLETED)  # (1)!
    print(f"First completed: {len(done)} done, {len(pending)} pending")

    done, pending = wait(futures, timeout=0.6)  # (2)!
    print(f"After a timeout: {len(done)} done, {len(pending)} pending")

    done, pending = wait(futures)  # (3)!
    print(f"All completed:   {len(done)} done, {len(pending)} pending")
