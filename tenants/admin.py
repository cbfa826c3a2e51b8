from django.contrib import admin

from tenants.models import Domain, Partner


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "slug"]
    inlines = [DomainInline]
    # Creating a partner clones a schema: only the console and create_partner do that.
    readonly_fields = ["schema_name", "created_at", "archived_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
