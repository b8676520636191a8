import threading

lock = threading.Lock()
rlock = threading.RLock()

with lock:
    again = lock.acquire(timeout=0.1)  # (1)!
    print(f"Lock taken again by its owner:  {again}")

with rlock:
    again = rlock.acquire(timeout=0.1)  # (2)!
    print(f"RLock taken again by its owner: {again}")
    rlock.release()  # (3)!
