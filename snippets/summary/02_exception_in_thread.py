import threading


def fail():
    raise ValueError("something went wrong")


def report(args):  # (1)!
    print(f"{args.thread.name} raised {args.exc_type.__name__}: {args.exc_value}")


threading.excepthook = report

t = threading.Thread(target=fail, name="worker")
t.start()
t.join()  # (2)!
print("join() returned normally; the main thread carries on")
