#!/usr/bin/env python
from planeval.cli import main

if __name__ == "__main__":
    main()
