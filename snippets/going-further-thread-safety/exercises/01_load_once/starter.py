import threading
import time

cache = {}
loads = 0
cache_lock = threading.Lock()


def load_config():
    global loads
    loads += 1
    time.sleep(0.1)  # reading a file
    return {"debug": False}


def get_config():
    if "config" not in cache:
        cache["config"] = load_config()
    return cache["config"]


threads = [threading.Thread(target=get_config) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Loaded {loads} time(s)")
