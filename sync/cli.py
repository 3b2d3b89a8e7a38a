def main():
    from certsync.rules import __doc__ as d
    print("ok", d)
