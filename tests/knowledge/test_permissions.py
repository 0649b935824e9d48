from ikonnekt.knowledge.models import Article, Question
from tests.sharing_matrix import permission_matrix

test_article_permission_matrix = permission_matrix(
    Article, detail_url="knowledge:detail", api_url="api:knowledge-article-detail"
)
test_question_permission_matrix = permission_matrix(
    Question, detail_url="knowledge:question_detail", api_url="api:knowledge-question-detail"
)
