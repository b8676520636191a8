import contextlib
import sys


@contextlib.contextmanager
def switch_interval(seconds):
    """Use `seconds` as the switch interval inside the `with` block only."""
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(0.005)


sys.setswitchinterval(0.01)  # a setting made elsewhere in the program
default = sys.getswitchinterval()
with switch_interval(0.001):
    inside = sys.getswitchinterval()
after = sys.getswitchinterval()
try:
    with switch_interval(0.002):
        raise RuntimeError("the experiment failed")
except RuntimeError:
    pass
after_error = sys.getswitchinterval()
print(f"Inside the block: {inside}")
print(f"Restored after the block: {after == default}")
print(f"Restored after an error: {after_error == default}")
