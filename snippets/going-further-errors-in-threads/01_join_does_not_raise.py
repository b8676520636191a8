import contextlib
import io
import threading


def parse(text):
    return int(text)


def show_default_report(args):  # (1)!
    report = io.StringIO()
    with contextlib.redirect_stderr(report):
        threading.__excepthook__(args)  # (2)!
    lines = report.getvalue().splitlines()
    print(f"stderr: {lines[0]}")
    print("stderr:   ... the traceback ...")
    print(f"stderr: {lines[-1]}")


threading.excepthook = show_default_report

t = threading.Thread(target=parse, args=("forty-two",), name="parser")
t.start()
try:
    t.join()  # (3)!
    print("join() returned normally: the error did not reach the main thread")
except ValueError:
    print("never printed")
