"""Page-number pagination: ``?page=2&page_size=100`` (at most 200 a page). Its own module because DRF
imports the pagination class while its generic views are still being defined."""
from rest_framework.pagination import PageNumberPagination

INVALID_PAGE = "页码无效或超出范围。"


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = INVALID_PAGE
