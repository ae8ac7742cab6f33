/// Every field an activity may declare, as "entity.field". The scope builder reads exactly the
/// declared ones; identifying fields are listed so the pre-flight check can refuse them by name.
public enum ScopeFields {
    public static let orders: Set<String> = [
        "orders.order_id", "orders.customer_id", "orders.product_id", "orders.quantity", "orders.unit_price",
        "orders.currency", "orders.ordered_at", "orders.channel", "orders.discount",
    ]
    public static let products: Set<String> = ["products.name", "products.category", "products.price", "products.for_sale"]
    public static let customers: Set<String> = [
        "customers.country", "customers.language", "customers.created_at", "customers.postal_code",
        "customers.first_name", "customers.last_name", "customers.email", "customers.phone", "customers.street", "customers.birth_date",
    ]
    public static let feedback: Set<String> = [
        "feedback.customer_id", "feedback.product_id", "feedback.kind", "feedback.rating", "feedback.text",
        "feedback.language", "feedback.created_at",
    ]
    public static let leads: Set<String> = [
        "leads.company", "leads.source", "leads.industry", "leads.size", "leads.created_at", "leads.stage", "leads.outcome",
        "leads.emails_opened", "leads.visits", "leads.meetings", "leads.last_activity_at", "leads.stage_since",
        "leads.contact_name", "leads.contact_email",
    ]
    public static let known: Set<String> = orders.union(products).union(customers).union(feedback).union(leads)
}
