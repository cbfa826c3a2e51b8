from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = "Customers (borough residents)"

    def ready(self):
        # What a task can be about: registered with the worklist (a hook, not an import).
        from customers.task_subjects import register_subjects

        register_subjects()
