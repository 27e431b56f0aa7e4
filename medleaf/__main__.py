from medleaf.cli import main

main()
