"""taizhang (台账): a city's year of economic work as 台账式、清单化管理."""

__version__ = "0.1.0"
