import threading


def work(name):
    print(f"{name} runs in {threading.current_thread().name}")


t = threading.Thread(target=work, args=("a",), name="worker")
u = threading.Thread(target=work("b"), name="oops")
t.start()
t.join()
u.start()
u.join()
print("done")

# What the program prints: `u` was given the result of work("b"), None.
PREDICTION = """\
b runs in MainThread
a runs in worker
done
"""
