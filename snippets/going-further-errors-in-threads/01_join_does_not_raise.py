import threading
import traceback


def parse(text):
    return int(text)


def show_short_report(args):  # (1)!
    lines = traceback.format_exception(  # (2)!
        args.exc_type, args.exc_value, args.exc_traceback
    )
    print(f"Exception in thread {args.thread.name}:")
    print("  ... the traceback ...")
    print(lines[-1], end="")


threading.excepthook = show_short_report

t = threading.Thread(target=parse, args=("forty-two",), name="parser")
t.start()
try:
    t.join()  # (3)!
    print("join() returned normally: the error did not reach the main thread")
except ValueError:
    print("never printed")
