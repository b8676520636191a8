import sys

default = sys.getswitchinterval()  # (1)!
print(f"Switch interval: {default * 1000:g} ms")
sys.setswitchinterval(0.0001)  # (2)!
print(f"Now: {sys.getswitchinterval() * 1000:g} ms")
sys.setswitchinterval(default)  # (3)!
print(f"Back to: {sys.getswitchinterval() * 1000:g} ms")
