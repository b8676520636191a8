import threading

lock = threading.Lock()

lock.acquire()
got_it = lock.acquire(timeout=0.5)  # (1)!
print(f"Second acquire by the same thread: {got_it}")
lock.release()
