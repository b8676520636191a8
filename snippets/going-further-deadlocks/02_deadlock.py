import threading

lock_a = threading.Lock()
lock_b = threading.Lock()
both_hold_one = threading.Barrier(2)  # (1)!
both_tried = threading.Barrier(2)
outcome = {}


def transfer(name, first, second):
    with first:
        both_hold_one.wait()
        if second.acquire(timeout=0.5):  # (2)!
            second.release()
            outcome[name] = "got both locks"
        else:
            outcome[name] = "gave up after 0.5 s: deadlock"
        both_tried.wait()  # (3)!


t1 = threading.Thread(target=transfer, args=("Thread 1", lock_a, lock_b))  # (4)!
t2 = threading.Thread(target=transfer, args=("Thread 2", lock_b, lock_a))
t1.start()
t2.start()
t1.join()
t2.join()
for name in sorted(outcome):
    print(f"{name}: {outcome[name]}")
