from glossator.cli import main

main()
