from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = "Customers (borough residents)"

    def ready(self):
        # What a task can be about: registered with the worklist (a hook, not an import).
        from customers.task_subjects import register_subjects

        register_subjects()

        # A training copy of a borough or provider gets made-up customers of its kind.
        from customers.demo import training_customers_seed
        from tenants import hooks

        hooks.on_training_copy_filled(training_customers_seed)

        # Customers in the header's search (casework offers the hook: it cannot import us).
        from casework.header_search import on_header_search
        from customers.header_search import customers_found

        on_header_search(customers_found)

        # Customers in the Import area (casework offers the registry).
        from customers.imports import register as imports_register

        imports_register()
        # An account's reads link to a customer's "Who has seen this" page.
        from casework.access.pages import who_looked_page_register

        who_looked_page_register("customer", "customer_who_looked")
