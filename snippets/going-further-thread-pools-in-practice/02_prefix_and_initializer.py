import threading
import time
from concurrent.futures import ThreadPoolExecutor

local = threading.local()  # (1)!


def open_session(base_url):  # (2)!
    name = threading.current_thread().name
    local.session = f"session to {base_url} ({name})"
    print(f"Opened {local.session}")


def fetch(path):
    time.sleep(0.1)  # waiting for the network
    return threading.current_thread().name


with ThreadPoolExecutor(
    max_workers=2,
    thread_name_prefix="fetcher",  # (3)!
    initializer=open_session,
    initargs=("https://example.org",),
) as pool:
    names = set(pool.map(fetch, ["/a", "/b", "/c", "/d"]))
print(f"Threads that fetched: {sorted(names)}")
