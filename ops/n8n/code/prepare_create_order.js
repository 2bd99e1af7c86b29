// create_order: the order posted as JSON to the business's order endpoint (task_settings.order_url).
const task = $input.first().json.task;
const settings = task.settings || {};
if (!settings.order_url) throw new Error('no order endpoint: set task_settings.order_url in Salesboy');
return [{
  json: {
    task,
    order_url: settings.order_url,
    order: { task_id: task.task_id, tenant: task.tenant, business: settings.business_name || '',
             contact: task.contact, details: task.payload, conversation_summary: task.conversation_summary },
    reply: 'Your order has been received. We will confirm it shortly.',
  },
}];
