import threading
import time

cache = {}
loads = []
cache_lock = threading.Lock()


def load_config():
    loads.append(threading.current_thread().name)
    time.sleep(0.1)  # reading a file, say
    return {"debug": False}


def get_config_unsafe():
    if "config" not in cache:  # (1)!
        cache["config"] = load_config()  # (2)!
    return cache["config"]


def get_config_safe():
    with cache_lock:  # (3)!
        if "config" not in cache:
            cache["config"] = load_config()
        return cache["config"]


def caller(get_config, start_line):
    start_line.wait()  # (4)!
    get_config()


for get_config in (get_config_unsafe, get_config_safe):
    cache.clear()
    loads.clear()
    start_line = threading.Barrier(3)
    threads = [
        threading.Thread(target=caller, args=(get_config, start_line)) for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{get_config.__name__}: loaded {len(loads)} time(s)")
