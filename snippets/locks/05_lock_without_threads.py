import threading

lock = threading.Lock()
print(f"New lock, locked? {lock.locked()}")

lock.acquire()  # (1)!
print(f"After acquire(), locked? {lock.locked()}")
print(f"Can we take it again? {lock.acquire(blocking=False)}")  # (2)!
lock.release()
print(f"After release(), locked? {lock.locked()}")

with lock:  # (3)!
    print(f"Inside 'with lock', locked? {lock.locked()}")
print(f"After the block, locked? {lock.locked()}")
