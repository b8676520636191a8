import threading

lock_a = threading.Lock()
lock_b = threading.Lock()
LOCK_ORDER = [lock_a, lock_b]  # (1)!
outcome = {}


def transfer(name, first, second):
    first, second = sorted([first, second], key=LOCK_ORDER.index)  # (2)!
    with first:
        if second.acquire(timeout=0.5):
            second.release()
            outcome[name] = "got both locks"
        else:
            outcome[name] = "gave up after 0.5 s: deadlock"


t1 = threading.Thread(target=transfer, args=("Thread 1", lock_a, lock_b))
t2 = threading.Thread(target=transfer, args=("Thread 2", lock_b, lock_a))
t1.start()
t2.start()
t1.join()
t2.join()
for name in sorted(outcome):
    print(f"{name}: {outcome[name]}")
