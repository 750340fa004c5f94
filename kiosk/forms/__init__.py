"""Forms and fields every part shares: IINs, dates, names, whole numbers, buttons."""
