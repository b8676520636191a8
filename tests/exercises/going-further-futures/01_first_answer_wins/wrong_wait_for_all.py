import time
from concurrent.futures import ThreadPoolExecutor, wait

MIRRORS = {"eu": 0.3, "us": 0.1, "asia": 0.5}  # seconds each takes to answer


def ask(mirror):
    time.sleep(MIRRORS[mirror])
    print(f"{mirror}: done")
    return mirror


with ThreadPoolExecutor() as pool:
    futures = [pool.submit(ask, mirror) for mirror in MIRRORS]
    done, _ = wait(futures)
    print(f"answer: {min(done, key=lambda f: MIRRORS[f.result()]).result()}")
