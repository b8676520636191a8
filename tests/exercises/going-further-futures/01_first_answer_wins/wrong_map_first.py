import time
from concurrent.futures import ThreadPoolExecutor

MIRRORS = {"eu": 0.3, "us": 0.1, "asia": 0.5}  # seconds each takes to answer


def ask(mirror):
    time.sleep(MIRRORS[mirror])
    print(f"{mirror}: done")
    return mirror


with ThreadPoolExecutor() as pool:
    print(f"answer: {next(pool.map(ask, MIRRORS))}")
