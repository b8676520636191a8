import threading


def child():
    pass


def parent():
    kid = threading.Thread(target=child)
    print(f"{threading.current_thread().name}'s child: daemon={kid.daemon}")


first = threading.Thread(target=parent, name="first", daemon=True)
second = threading.Thread(target=parent, name="second")
first.start()
first.join()
second.start()
second.join()
print(f"main thread: daemon={threading.current_thread().daemon}")

# What does this program print? Replace the text below with your answer.
PREDICTION = """\
first's child: daemon=False
second's child: daemon=False
main thread: daemon=True
"""
