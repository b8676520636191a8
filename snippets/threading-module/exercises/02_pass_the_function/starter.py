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

# What does this program print? Replace the text below with your answer.
PREDICTION = """\
a runs in worker
b runs in oops
done
"""
